// Typed wrapper over the webview's acquireVsCodeApi(); the only way the UI talks to the host.
import type { WebviewToHost } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: WebviewToHost): void {
  api.postMessage(message);
}

/** UI-only state kept across reloads of the webview (never conversation content; the host owns that). */
export function getUiState<T>(): Partial<T> {
  return (api.getState() as Partial<T> | undefined) ?? {};
}

export function setUiState<T>(state: T): void {
  api.setState(state);
}
