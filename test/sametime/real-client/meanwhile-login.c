/*
 * A Sametime login with the open-source client library's session API, for the tests: connects to
 * HOST:PORT over TCP, logs in as USER with PASSWORD, and prints one line per event:
 *
 *   state <name>            each session state change
 *   logged-in               the session reached its started state
 *   admin <text>            an administrator's broadcast
 *   announce <from> <text>  an announcement
 *   stopped 0x<reason>      the session stopped, with the reason the library reports
 *
 * With WAIT_MESSAGES > 0 it stays logged in until it has heard that many admin or announce
 * messages, then logs out (CHANNEL_DESTROY, reason 0); otherwise it logs out at once. Every wait is
 * bounded: it gives up after 10 s without a byte.
 *
 * usage: meanwhile-login HOST PORT USER PASSWORD [WAIT_MESSAGES]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mw_common.h>
#include <mw_error.h>
#include <mw_session.h>

static int sock = -1;
static int started = 0;
static int stopped = 0;
static int heard = 0;

static int io_write(struct mwSession *s, const guchar *buf, gsize len) {
  (void)s;
  while (len > 0 && sock >= 0) {
    ssize_t n = write(sock, buf, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 1;
    buf += n;
    len -= (gsize)n;
  }
  return sock >= 0 ? 0 : 1;
}

static void io_close(struct mwSession *s) {
  (void)s;
  if (sock >= 0) close(sock);
  sock = -1;
}

static const char *state_name(enum mwSessionState state) {
  switch (state) {
    case mwSession_STARTING: return "starting";
    case mwSession_HANDSHAKE: return "handshake";
    case mwSession_HANDSHAKE_ACK: return "handshake-ack";
    case mwSession_LOGIN: return "login";
    case mwSession_LOGIN_REDIR: return "login-redirect";
    case mwSession_LOGIN_ACK: return "login-ack";
    case mwSession_STARTED: return "started";
    case mwSession_STOPPING: return "stopping";
    case mwSession_STOPPED: return "stopped";
    case mwSession_LOGIN_CONT: return "login-continue";
    default: return "unknown";
  }
}

static void on_state(struct mwSession *s, enum mwSessionState state, gpointer info) {
  (void)s;
  printf("state %s\n", state_name(state));
  if (state == mwSession_STARTED) {
    started = 1;
    printf("logged-in\n");
  } else if (state == mwSession_STOPPED) {
    stopped = 1;
    printf("stopped 0x%08x\n", GPOINTER_TO_UINT(info));
  }
}

static void on_admin(struct mwSession *s, const char *text) {
  (void)s;
  heard++;
  printf("admin %s\n", text == NULL ? "" : text);
}

static void on_announce(struct mwSession *s, struct mwLoginInfo *from, gboolean may_reply, const char *text) {
  (void)s;
  (void)may_reply;
  heard++;
  printf("announce %s %s\n", from != NULL && from->user_id != NULL ? from->user_id : "-", text == NULL ? "" : text);
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s HOST PORT USER PASSWORD [WAIT_MESSAGES]\n", argv[0]);
    return 2;
  }
  int wait_messages = argc > 5 ? atoi(argv[5]) : 0;
  setvbuf(stdout, NULL, _IOLBF, 0);

  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) return 2;
  sock = socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) != 0) {
    printf("unreachable\n");
    return 3;
  }

  struct mwSessionHandler handler;
  memset(&handler, 0, sizeof handler);
  handler.io_write = io_write;
  handler.io_close = io_close;
  handler.on_stateChange = on_state;
  handler.on_admin = on_admin;
  handler.on_announce = on_announce;
  struct mwSession *session = mwSession_new(&handler);
  mwSession_setProperty(session, mwSession_AUTH_USER_ID, g_strdup(argv[3]), g_free);
  mwSession_setProperty(session, mwSession_AUTH_PASSWORD, g_strdup(argv[4]), g_free);
  mwSession_start(session);

  guchar buf[4096];
  int logging_out = 0;
  while (sock >= 0 && !stopped) {
    if (started && !logging_out && heard >= wait_messages) {
      logging_out = 1;
      mwSession_stop(session, 0x00);
      continue;
    }
    struct pollfd pfd = { sock, POLLIN, 0 };
    int ready = poll(&pfd, 1, 10000);
    if (ready == 0) {
      printf("timeout\n");
      break;
    }
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    ssize_t n = read(sock, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      printf("connection-closed\n");
      break;
    }
    mwSession_recv(session, buf, (gsize)n);
  }
  if (!stopped && sock >= 0) mwSession_stop(session, 0x00);
  mwSession_free(session);
  if (sock >= 0) close(sock);
  return 0;
}
