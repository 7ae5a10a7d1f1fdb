import type { Me } from '../api/views';
import { formatWareki } from '../lib/wareki';

/** 発令のお知らせ: posts the signed-in person will take up (「令和9年4月1日から総務課長」), from /me. */
export function AppointmentNotice({ me }: { me: Me }) {
  const upcoming = me.upcomingPosts ?? [];
  if (upcoming.length === 0) return null;
  return (
    <aside className="banner banner-info appointments" aria-label="発令のお知らせ">
      <ul>
        {upcoming.map((p) => (
          <li key={`${p.title}-${p.from}`}>
            {formatWareki(p.from)}から{p.title}
          </li>
        ))}
      </ul>
    </aside>
  );
}
