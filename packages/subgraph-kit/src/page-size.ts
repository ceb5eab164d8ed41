/** A connection's page when `first` is not given, and the most one page may hold (the gateway's query cost counts with them). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
