import { InstantField } from '../http/dto-fields';

/** A business moment to answer as of; now when absent. */
export class AtQuery {
  @InstantField('the business time to answer as of; now when absent')
  at?: string;
}
