export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// A query parameter given once and non-empty, or nothing (`?a=1&a=2` is not a value).
export async function singleParam(searchParams: SearchParams, name: string): Promise<string | undefined> {
  const value = (await searchParams)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
