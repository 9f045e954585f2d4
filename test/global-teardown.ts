export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __testServer?: { stop(): Promise<void> } }).__testServer;
  await server?.stop();
}
