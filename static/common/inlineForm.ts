/**
 * Focus for a form that opens in place (ask, flag, withdraw, assess, decide…): it takes focus as it
 * opens, Escape cancels it, and once it closes (cancelled or sent) focus goes back to the control
 * that opened it — or, when the page re-rendered that control, to the one with the same name; when
 * the change removed it (a withdrawn ask has no "Withdraw" any more), to the nearest element marked
 * `data-focus-after-form` (a panel's status line), so keyboard and screen-reader users never land on
 * the frame's <body>.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

/**
 * The control focused last, kept even once React has removed it: the button that opens a form is
 * often replaced by the form in the same render, so by the time the form mounts focus is on <body>.
 */
let lastFocused: Element | null = null;
if (typeof document !== 'undefined') document.addEventListener('focusin', (event) => (lastFocused = event.target instanceof Element ? event.target : null), true);

const FIELDS = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [role="combobox"], button:not([disabled])';

/** The text that names a control (its visible text, or its aria-label). */
function nameOf(element: Element): string {
  return (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
}

function focusable(element: Element | null): element is HTMLElement {
  return !!element && element.isConnected && element instanceof HTMLElement && !element.hasAttribute('disabled') && element.getClientRects().length > 0;
}

/** Where focus goes once the form is gone: the opener, its re-rendered twin, or the marked fallback. */
export function returnFocus(opener: Element | null, openerName: string, openerRole: string, container: Element | null): void {
  if (focusable(opener)) return opener.focus();
  if (openerName) {
    const twin = Array.from(document.querySelectorAll(openerRole)).find((el) => nameOf(el) === openerName);
    if (focusable(twin ?? null)) return (twin as HTMLElement).focus();
  }
  const near = container?.isConnected ? container : null;
  const fallback = near?.closest<HTMLElement>('[data-focus-after-form]') ?? near?.querySelector<HTMLElement>('[data-focus-after-form]') ?? document.querySelector<HTMLElement>('[data-focus-after-form]') ?? (near instanceof HTMLElement ? near : null);
  if (fallback) {
    if (!fallback.hasAttribute('tabindex')) fallback.setAttribute('tabindex', '-1');
    fallback.focus();
  }
}

/**
 * Returns the ref for the form element and its keydown handler (Escape cancels while nothing is
 * being saved). Call in the component that renders the form only while it is open.
 */
export function useInlineForm<T extends HTMLElement>(onCancel: () => void, busy: boolean): { ref: RefObject<T>; onKeyDown: (event: KeyboardEvent) => void } {
  const ref = useRef<T>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  const busyNow = useRef(busy);
  busyNow.current = busy;

  useEffect(() => {
    const active = document.activeElement && document.activeElement !== document.body ? document.activeElement : lastFocused;
    const opener = active && !ref.current?.contains(active) ? active : null;
    const openerName = opener ? nameOf(opener) : '';
    const openerRole = opener ? opener.tagName.toLowerCase() : 'button';
    const container = ref.current?.parentElement ?? null;
    ref.current?.querySelector<HTMLElement>(FIELDS)?.focus();
    return () => {
      // After the page has re-rendered without the form.
      setTimeout(() => {
        const now = document.activeElement;
        if (now && now !== document.body && now.isConnected) return; // something else took focus on purpose
        returnFocus(opener, openerName, openerRole, container);
      }, 0);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || busyNow.current) return;
    // An open menu or picker inside the form closes first. Its input says so (aria-expanded, read
    // before React re-renders it closed); react-select marks every Escape handled
    // (preventDefault), open menu or not, so that flag cannot tell.
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (target?.closest('[aria-expanded="true"]')) return;
    event.preventDefault();
    cancel.current();
  };
  return { ref, onKeyDown };
}
