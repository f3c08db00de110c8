// The console's address of a version's export tar (a route handler that streams the API's
// GET /v1/dataset-versions/:id/export.tar with the session's token); the format comes as ?format=.
export const versionExportHref = (versionId: string) =>
  `/dataset-versions/${encodeURIComponent(versionId)}/export`;
