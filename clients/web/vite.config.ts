// Vite for clients/web: served at /app/ (by `vite` in development, by the gateway from `dist/` when
// WEB_APP_DIR points there). In development /graphql, HTTP and WebSocket, goes to the gateway.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const gateway = process.env.GATEWAY_URL ?? "http://localhost:4000";

export default defineConfig({
  base: "/app/",
  plugins: [react()],
  server: { proxy: { "/graphql": { target: gateway, ws: true } } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
});
