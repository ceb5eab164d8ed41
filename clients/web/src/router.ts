import { useEffect, useState } from "react";

/** The app's paths below its base (`/app/`): "/", "/pets/<id>", … */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, "");

function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : "/";
  return path || "/";
}

const listeners = new Set<() => void>();
window.addEventListener("popstate", () => listeners.forEach((listener) => listener()));

export function navigate(path: string): void {
  window.history.pushState(null, "", `${BASE}${path}`);
  listeners.forEach((listener) => listener());
}

export function href(path: string): string {
  return `${BASE}${path}`;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const listener = () => setPath(currentPath());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return path;
}
