/** The u16 login types a client announces (which kind of client it is). */
export const LoginType = {
  cppLibrary: 0x1000,
  javaApplet: 0x1001,
  binary: 0x1002,
  javaApplication: 0x1003,
  openSourceClient: 0x1700,
} as const;
