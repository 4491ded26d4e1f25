// The browser's globals, for the functions browser tests run inside the page (page.evaluate).
// The project's TypeScript has no DOM library (the app never runs in a browser), so the few
// parts the tests touch are declared here.
interface PageElement {
  tagName: string;
  type?: string;
  name?: string;
  value?: string;
  checked?: boolean;
  textContent: string | null;
  getBoundingClientRect(): { width: number; left: number; right: number };
  append(text: string): void;
}

declare const document: {
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number; clientWidth: number; style: { setProperty(name: string, value: string, priority?: string): void } };
  querySelector(selector: string): PageElement | null;
};

declare function getComputedStyle(element: PageElement): { fontSize: string; breakBefore: string };
