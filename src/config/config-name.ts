/** The config file a project is read from when no `--config` names another. */
export const defaultConfigName = 'folio.config.yaml';
