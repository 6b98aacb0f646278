import type {
  DeliveredToPerson,
  InboundContacts,
  InboundDeletion,
  InboundEdit,
  InboundLocation,
  InboundMedia,
  InboundMediaResult,
  InboundReaction,
  InboundUnsupported,
  PersonWebhookResult,
  ReadByPerson,
  StatusUpdate,
} from "../person-types";
import type { InboundResult } from "../types";
import { inboundDeletion, inboundEdit, inboundReaction } from "./actions";
import { inboundContacts, inboundLocation, inboundMedia, inboundUnsupported } from "./messages";
import type { PersonDeps } from "./person-context";
import { delivered, read, status } from "./receipts";

/** The remote people of the emulator, doing what the networks let them do besides writing text. */
export class People {
  /** Messenger counts the edits of each message (num_edit). */
  private readonly editCounts = new Map<string, number>();

  constructor(private readonly deps: PersonDeps) {}

  media = (input: InboundMedia): Promise<InboundMediaResult> => inboundMedia(this.deps, input);
  location = (input: InboundLocation): Promise<InboundResult> => inboundLocation(this.deps, input);
  contacts = (input: InboundContacts): Promise<InboundResult> => inboundContacts(this.deps, input);
  unsupported = (input: InboundUnsupported): Promise<InboundResult> => inboundUnsupported(this.deps, input);
  reaction = (input: InboundReaction): Promise<PersonWebhookResult> => inboundReaction(this.deps, input);
  edit = (input: InboundEdit): Promise<PersonWebhookResult> => inboundEdit(this.deps, input, this.editCounts);
  deletion = (input: InboundDeletion): Promise<PersonWebhookResult> => inboundDeletion(this.deps, input);
  read = (input: ReadByPerson): Promise<PersonWebhookResult> => read(this.deps, input);
  delivered = (input: DeliveredToPerson): Promise<PersonWebhookResult> => delivered(this.deps, input);
  status = (update: StatusUpdate): Promise<PersonWebhookResult> => status(this.deps, update);
}
