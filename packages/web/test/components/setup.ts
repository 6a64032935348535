// jsdom lacks the layout APIs antd reads; the phone/desktop switch (useIsMobile) follows `setWidth`.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

let width = 1366;
export function setWidth(w: number): void {
  width = w;
}

if (typeof window !== 'undefined') {
  window.matchMedia = (query: string) => {
    const max = /max-width:\s*(\d+)px/.exec(query);
    return {
      matches: max ? width <= Number(max[1]) : false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    } as MediaQueryList;
  };
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  window.getComputedStyle = ((orig) => (el: Element) => orig(el))(window.getComputedStyle);
  afterEach(() => {
    cleanup();
    width = 1366;
  });
}
