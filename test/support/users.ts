/**
 * The test users, shared by every suite. Every secret is long and unusual, so a search of emitted
 * bytes for one cannot hit by chance: `password` is the IM (Sametime) password,
 * `activationPassword` the enterprise activation one. `gus` may not use the collaboration client.
 */
export const USERS = [
  { userId: 'alice', password: 'alice-St-pw:Qx7#vB2!mK9', activationPassword: 'alice-act:Zr4$Lp8&Wd1' },
  { userId: 'bob', password: 'bob-St-pw:Hj3%Tn6^Ys0', activationPassword: 'bob-act:Fg5*Uc9(Ob2' },
  { userId: 'carol', password: 'carol-St-pw:Ek1)Vm4_Pa7', activationPassword: 'carol-act:Ni8+Rw2=Jq5' },
  { userId: 'dave', password: 'dave-St-pw:Xs6~Gb3<Ul0', activationPassword: 'dave-act:Co9>Ht4?Ie7' },
  { userId: 'erin', password: 'erin-St-pw:Mq2;Dz5|Ky8', activationPassword: 'erin-act:Aw7:Sf1.Lg4' },
  { userId: 'frank', password: 'frank-St-pw:Pv0,Jx3`Rb6', activationPassword: 'frank-act:Tn5!Wy8@Qc1' },
  { userId: 'gus', password: 'gus-St-pw:Lb8]Wq1{Hc4', activationPassword: 'gus-act:Dm3}Vx6[Ko9', collaboration: false },
] as const;

export type TestUser = (typeof USERS)[number];
export type UserId = TestUser['userId'];

/** Device PINs, one per user in `USERS` order (device n of `pinFor` is a different numbering). */
export const PINS = ['2100000A', '2100000B', '2100000C', '2100000D', '2100000E', '2100000F', '21000010'] as const;

export function userAt(index: number): TestUser {
  const user = USERS[index];
  if (user === undefined) throw new RangeError(`no user ${index}`);
  return user;
}

export function userNamed(userId: string): TestUser {
  const user = USERS.find((u) => u.userId === userId);
  if (user === undefined) throw new Error(`no test user ${userId}`);
  return user;
}

export function passwordOf(userId: string): string {
  return userNamed(userId).password;
}

/** The n-th device PIN: 21000001, 21000002, ... */
export function pinFor(n: number): string {
  return (0x21000000 + n).toString(16).toUpperCase();
}

/** The users as a simulated IM server's directory: user id -> password. */
export function directory(): Record<string, string> {
  return Object.fromEntries(USERS.map((u) => [u.userId, u.password]));
}

/** Lets queued microtasks and promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The login credentials of the user at `index`. */
export function credentials(index: number): { userId: string; password: string } {
  const { userId, password } = userAt(index);
  return { userId, password };
}
