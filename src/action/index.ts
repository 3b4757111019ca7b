/** Entry of the actions: `node dist/index.js action [gate]`. */
import { runAction } from './run-action.js';

export async function actionMain(gate: string | undefined): Promise<number> {
  return runAction(process.env, gate);
}
