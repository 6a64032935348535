// Bridges antd's context-aware message API to code outside components (query caches, handlers).
import { message as staticMessage } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { errorMessage } from '../api/client';

let messageApi: MessageInstance | null = null;

export function setMessageApi(api: MessageInstance): void {
  messageApi = api;
}

export function getMessage(): MessageInstance {
  return messageApi ?? staticMessage;
}

/** Shows a thrown error's Chinese message; the same text is shown once even if several calls fail together. */
export function showError(e: unknown): void {
  const text = errorMessage(e);
  getMessage().error({ content: text, key: `err:${text}`, duration: 4 });
}

export function showSuccess(text: string): void {
  getMessage().success({ content: text, key: `ok:${text}` });
}
