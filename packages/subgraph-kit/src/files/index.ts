export * from "./file-store";
export * from "./local-file-store";
export * from "./s3-file-store";
export * from "./open-file-store";
export * from "./http-header.type";
export * from "./upload.types";
