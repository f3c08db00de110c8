'use client';

import { useEffect, useId, useRef, useState } from 'react';

// The navigation and the signed-in line of the top bar. Wide, they sit in the bar as they are; narrow (see
// .console-menu in globals.css), they fold behind a Menu button: Enter or a tap opens them, Escape closes
// them and gives focus back to the button, and following a link closes them on the way to its page.
export function ConsoleMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button button-secondary"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <span className="menu-icon" aria-hidden="true" />
        Menu
      </button>
      <div
        id={menuId}
        className="console-menu"
        data-open={open}
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest('a')) setOpen(false);
        }}
      >
        {children}
      </div>
    </>
  );
}
