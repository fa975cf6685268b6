/** Values that can appear in a rule message as Go-template placeholders ({{.Path}} ...). */
export interface MessageFields {
  Path?: string;
  Operation?: string;
  Command?: string;
  Args?: string;
  RemoteAddr?: string;
  Domain?: string;
  Port?: string;
  Name?: string;
}

const PLACEHOLDER = /\{\{\s*\.([A-Za-z]+)\s*\}\}/g;

/** True when `template` holds at least one {{.Field}} placeholder. */
export function hasPlaceholders(template: string): boolean {
  return template.includes('{{');
}

/** Renders {{.Field}} placeholders; unknown or missing fields are left as written. */
export function renderMessage(template: string, fields: MessageFields): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = (fields as Record<string, string | undefined>)[name];
    return value === undefined ? whole : value;
  });
}
