// Entry of the bundled language server (dist/server.mjs): VS Code starts it over IPC (`--node-ipc`).
import { startServer } from '@nospof/language-server';

startServer();
