// Navigation inside the app: a new address goes on the history and the screen is drawn again.
// The drawing is main.ts's render, registered at start-up (startRouter), so a view can navigate
// or re-render without importing main.ts, and this module imports no view.

let renderer: () => Promise<void> = async () => {};

/** Draws the screen for the current address (main.ts's render). */
export function render(): Promise<void> {
  return renderer();
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  void render();
}

/** Registers the renderer; links marked data-nav and the browser's back and forward then
 *  navigate without reloading. */
export function startRouter(draw: () => Promise<void>): void {
  renderer = draw;
  document.addEventListener('click', (e) => {
    const a = (e.target as Element).closest?.('a[data-nav]') as HTMLAnchorElement | null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(a.getAttribute('href')!);
  });
  window.addEventListener('popstate', () => void render());
}
