// The refusal of the channels only the desktop app's main process answers (native dialogs, the file
// manager): the engine's handler map has them too so both transports share one contract, and browser mode
// reaches the same work another way (typing a path, an upload or a download). `T` is what main answers.
import { Refusal } from '../db/errors';

export function desktopOnly<T>(feature: string, inBrowser?: string): () => T {
  return () => {
    throw new Refusal('validation', `“${feature}”仅在桌面版中可用${inBrowser ? `；浏览器模式${inBrowser}` : ''}`);
  };
}
