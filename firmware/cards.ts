// The card types this runtime knows, by the type number a card's identity lines carry.
// A card whose type is not here is identified but not added (fault "unknown type").
export const CARD_TYPES = ['', 'sensor', 'line', 'storage', 'mgmt', 'fabric', 'io'];

export interface CardId {
  type: number;
  name: string;
  serial: number;
  caps: number;
}
