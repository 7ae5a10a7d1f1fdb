/** Goal 1 of the 令和4年度 市民生活部 sheet, shortened: the valid request that tests and benches vary. */
export const SAMPLE_SHEET = {
  department: '市民生活部',
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};

export const SAMPLE_GOAL = {
  title: '転出・転入手続のワンストップ化の実現',
  category: '行政改革',
  targetLevel: '転出・転入手続の時間短縮とワンストップ化が図られている。',
  method: '住民基本台帳システムの改修を行う。',
  deadlineMonth: 2,
  sections: ['市民課'],
};
