/**
 * The action's input names and defaults, defined once. Kept free of
 * dependencies: the entrypoint imports it before anything heavy is loaded.
 */
/** Input names: the action's public interface (mirrored in action.yml). */
export const Inputs = {
  Platform: 'platform',
  ApiUrl: 'api-url',
  ApiToken: 'api-token',
  ProjectId: 'project-id',
  Suites: 'suites',
  Group: 'group',
  Utterance: 'utterance',
  Description: 'description',
  Timeout: 'timeout',
  PollInterval: 'poll-interval',
  FailOn: 'fail-on',
  ResultsPath: 'results-path',
  UploadArtifact: 'upload-artifact',
  Comment: 'comment',
  GithubToken: 'github-token',
  ShowLogs: 'show-logs',
  RevokeOnCancel: 'revoke-on-cancel',
} as const;

/** Defaults for optional inputs (mirrored in action.yml). */
export const InputDefaults = {
  [Inputs.Platform]: 'testing-studio',
  [Inputs.Timeout]: '30m',
  [Inputs.PollInterval]: 'auto',
  [Inputs.FailOn]: 'failed',
  [Inputs.ResultsPath]: 'testing-studio-results',
  [Inputs.UploadArtifact]: 'true',
  [Inputs.Comment]: 'true',
  [Inputs.ShowLogs]: 'true',
  [Inputs.RevokeOnCancel]: 'true',
} as const;

/** Inputs without a default; checked first so a missing one fails before anything heavy loads. */
export const RequiredInputs = [Inputs.ApiUrl, Inputs.ApiToken, Inputs.ProjectId] as const;
