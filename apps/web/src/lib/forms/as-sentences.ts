// Every message a form shows reads as sentences, whoever wrote it. The API's input checks (class-validator)
// answer in lowercase fragments joined by "; " ("name must be between 1 and 100 characters long; role must
// be one of ..."), while the console's own messages are sentences already and pass through unchanged.
export function asSentences(message: string): string {
  return message
    .split(/;\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(asSentence)
    .join(' ');
}

function asSentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
