// The session token of a link, kept in this browser so a reload resumes the session (the API is
// resumable: the page asks it where the session stands). Keyed by the link, so two studies do not mix.

const key = (link: string) => `loris-rater:${link}`;

export function storedSession(link: string): string | null {
  try {
    return window.localStorage.getItem(key(link));
  } catch {
    return null; // storage off (private mode): the session lasts as long as the page
  }
}

export function storeSession(link: string, token: string): void {
  try {
    window.localStorage.setItem(key(link), token);
  } catch {
    // as above
  }
}

export function forgetSession(link: string): void {
  try {
    window.localStorage.removeItem(key(link));
  } catch {
    // as above
  }
}
