export * from "./privacy-events";
export * from "./privacy-participant";
export * from "./privacy-store";
