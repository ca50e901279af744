declare module 'cardcage:profile' {
  const profile: import('./profile').Profile;
  export default profile;
}
declare module 'cardcage:mgmt' {
  /** the board profile's management descriptor of a card type, as JSON text (0 or undefined:
   * none) */
  export function mgmtTable(type: number): string | 0 | undefined;
}
