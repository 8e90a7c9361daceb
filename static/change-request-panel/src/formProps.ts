/**
 * What the change request panel hands each of its forms (AssessForm, DecisionForms,
 * ImplementationForm, InformForm): kept apart so the forms and the panel that opens them do not
 * import each other.
 */
import type { ChangeView } from '../../../src/changes/domain/changeVocabulary';
import type { ErrorBody } from '../../common/bridge';

/** Runs one write on the change request; answers whether it went through. */
export type RunChange = (key: string, payload: Record<string, unknown>, done: string) => Promise<boolean>;

/** The props every form gets: the view it edits, how to send, the refusal to show at its fields. */
export interface FormProps {
  view: ChangeView;
  busy: boolean;
  problem: ErrorBody | null;
  run: RunChange;
  onCancel: () => void;
}
