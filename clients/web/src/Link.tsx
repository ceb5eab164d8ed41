import type { ReactNode } from "react";
import { href, navigate } from "./router";

/** An ordinary link that changes screens without reloading the page. */
export function Link({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={href(to)}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
