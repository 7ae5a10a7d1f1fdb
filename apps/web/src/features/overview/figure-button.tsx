/** A figure of 全庁の状況 that opens the goals behind it (部別 and 施策別 alike). */
export interface Opened {
  title: string;
  /** The figure's link to its goals. */
  goals: string;
}

/** A count that opens the goals behind it; a plain 0 when there are none. */
export function FigureButton(props: { count: number; goals: string; title: string; onOpen: (o: Opened) => void }) {
  if (props.count === 0) return <>0</>;
  return (
    <button
      type="button"
      className="figure-button"
      aria-label={`${props.title} ${props.count}件の目標を表示`}
      onClick={() => props.onOpen({ title: props.title, goals: props.goals })}
    >
      {props.count}
    </button>
  );
}
