// The signed-in session: tokens kept in localStorage so a reload stays signed in, and listeners told
// when it changes (sign in, refresh, sign out).

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; displayName: string; email?: string | null };
}

const KEY = "pawgraph.session";
const listeners = new Set<(session: Session | null) => void>();

export function currentSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
