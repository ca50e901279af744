declare module 'cardcage:profile' {
  const profile: import('./profile').Profile;
  export default profile;
}
