/** A text without its byte order mark: editors do not show one as text, and offsets must not count it. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
