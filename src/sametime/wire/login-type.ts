/** The u16 login types a client announces (which kind of client it is). */
export const LoginType = {
  /** A client built on the vendor's C++ library. */
  cppLibrary: 0x1000,
  /** The Java applet client. */
  javaApplet: 0x1001,
  /** A native (binary) client. */
  binary: 0x1002,
  /** A stand-alone Java application client. */
  javaApplication: 0x1003,
  /** An open-source client. */
  openSourceClient: 0x1700,
} as const;
