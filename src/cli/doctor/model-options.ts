/**
 * What doctor (and onboard) check model IDs against: the built-in catalogue on today's date (the
 * injected clock), plus the platform's catalogue file when given, and the escape hatches on the
 * command line: `--allow-unknown-models` for IDs newer than the catalogue, `--allow-retired-model
 * <id>` for a retired model the organisation still has access to under an exception.
 */
import { resolve } from "node:path";
import { TeamsFileError } from "../../../stacks/config/problems";
import { loadModelsCatalogueFile } from "../../../stacks/config/models-catalogue";
import { ModelCatalogue } from "../../constructs/models/catalogue";
import type { RuleOptions } from "../../constructs/settings/rules";
import { type Io, UsageError } from "../args";

export interface ModelFlags {
  readonly "allow-unknown-models"?: boolean;
  readonly "allow-retired-model"?: string[];
  readonly "models-catalogue"?: string;
}

export function modelRuleOptions(values: ModelFlags, io: Pick<Io, "now">): RuleOptions {
  let catalogue = ModelCatalogue.builtIn({ asOf: io.now() });
  const file = values["models-catalogue"];
  if (file !== undefined) {
    try {
      catalogue = loadModelsCatalogueFile(resolve(file), file, catalogue);
    } catch (error) {
      if (error instanceof TeamsFileError) throw new UsageError(`--models-catalogue: ${error.message}`);
      throw error;
    }
  }
  return {
    catalogue,
    allowUnknownModels: values["allow-unknown-models"] === true,
    allowRetiredModels: values["allow-retired-model"] ?? [],
    retiredExceptionHint: (id) => `pass --allow-retired-model ${id}`,
  };
}
