// The card types this runtime knows, by the type number a card's identity lines carry.
// A card whose type is not here is identified but not added (fault "unknown type").
/** the card types' names by number, split when a card is identified (a table of strings kept
 * would hold some 18 JsVars) */
export const CARD_TYPES = ',sensor,line,storage,mgmt,fabric,io';

export interface CardId {
  type: number;
  name: string;
  serial: number;
  caps: number;
}
/** A card available to processes (identify() gives it, with its slot). */
export interface Device extends CardId {
  slot: number;
}
