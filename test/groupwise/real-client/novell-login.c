/*
 * A headless GroupWise Messenger client on libpurple's Novell protocol plugin: it logs in to
 * host:port over TLS, prints what happens one event per line, waits `hold` seconds signed on, then
 * signs off. A certificate libpurple does not know is accepted, as a user clicking Accept would.
 *
 * usage: novell-login <user dir> <host> <port> <user id> <password> <hold seconds>
 */
#include <glib.h>
#include <purple.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_ID "bes-collab-novell-login"

static GMainLoop *loop;
static int hold_seconds;
static int exit_code = 1;

typedef struct {
  PurpleInputFunction function;
  guint result;
  gpointer data;
} InputClosure;

static gboolean input_dispatch(GIOChannel *source, GIOCondition condition, gpointer data) {
  InputClosure *closure = data;
  int cond = 0;
  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR)) cond |= PURPLE_INPUT_READ;
  if (condition & (G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL)) cond |= PURPLE_INPUT_WRITE;
  closure->function(closure->data, g_io_channel_unix_get_fd(source), cond);
  return TRUE;
}

static guint input_add(gint fd, PurpleInputCondition condition, PurpleInputFunction function, gpointer data) {
  InputClosure *closure = g_new0(InputClosure, 1);
  GIOCondition cond = 0;
  closure->function = function;
  closure->data = data;
  if (condition & PURPLE_INPUT_READ) cond |= G_IO_IN | G_IO_HUP | G_IO_ERR;
  if (condition & PURPLE_INPUT_WRITE) cond |= G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;
  GIOChannel *channel = g_io_channel_unix_new(fd);
  closure->result = g_io_add_watch_full(channel, G_PRIORITY_DEFAULT, cond, input_dispatch, closure, g_free);
  g_io_channel_unref(channel);
  return closure->result;
}

static PurpleEventLoopUiOps eventloop_ops = {
  .timeout_add = g_timeout_add,
  .timeout_remove = g_source_remove,
  .input_add = input_add,
  .input_remove = g_source_remove,
  .timeout_add_seconds = g_timeout_add_seconds,
};

/* Accepts what a user would be asked about: the first action (Accept) of every request. */
static void *request_action(const char *title, const char *primary, const char *secondary, int default_action,
                            PurpleAccount *account, const char *who, PurpleConversation *conv, void *user_data,
                            size_t action_count, va_list actions) {
  (void)title; (void)secondary; (void)default_action; (void)account; (void)who; (void)conv;
  if (action_count > 0) {
    const char *label = va_arg(actions, const char *);
    PurpleRequestActionCb callback = va_arg(actions, PurpleRequestActionCb);
    printf("asked %s: %s\n", primary != NULL ? primary : "", label);
    fflush(stdout);
    if (callback != NULL) callback(user_data, 0);
  }
  return NULL;
}

static PurpleRequestUiOps request_ops = { .request_action = request_action };

static gboolean sign_off(gpointer data) {
  PurpleAccount *account = data;
  printf("signing-off\n");
  fflush(stdout);
  purple_account_disconnect(account);
  exit_code = 0;
  g_main_loop_quit(loop);
  return FALSE;
}

static void signed_on(PurpleConnection *gc, gpointer data) {
  (void)data;
  printf("signed-on\n");
  fflush(stdout);
  g_timeout_add_seconds(hold_seconds, sign_off, purple_connection_get_account(gc));
}

static void connection_error(PurpleConnection *gc, PurpleConnectionError reason, const char *description, gpointer data) {
  (void)gc; (void)data;
  printf("connection-error %d %s\n", (int)reason, description != NULL ? description : "");
  fflush(stdout);
  exit_code = 2;
  g_main_loop_quit(loop);
}

static gboolean give_up(gpointer data) {
  (void)data;
  printf("timed-out\n");
  fflush(stdout);
  exit_code = 3;
  g_main_loop_quit(loop);
  return FALSE;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s <user dir> <host> <port> <user id> <password> <hold seconds>\n", argv[0]);
    return 64;
  }
  hold_seconds = atoi(argv[6]);
  loop = g_main_loop_new(NULL, FALSE);
  purple_util_set_user_dir(argv[1]);
  purple_debug_set_enabled(getenv("NOVELL_LOGIN_DEBUG") != NULL);
  purple_eventloop_set_ui_ops(&eventloop_ops);
  purple_request_set_ui_ops(&request_ops);
  if (!purple_core_init(UI_ID)) {
    printf("core-init-failed\n");
    return 4;
  }
  purple_set_blist(purple_blist_new());
  purple_prefs_load();
  purple_blist_load();
  purple_pounces_load();

  static int handle;
  purple_signal_connect(purple_connections_get_handle(), "signed-on", &handle, PURPLE_CALLBACK(signed_on), NULL);
  purple_signal_connect(purple_connections_get_handle(), "connection-error", &handle, PURPLE_CALLBACK(connection_error), NULL);

  PurpleAccount *account = purple_account_new(argv[4], "prpl-novell");
  purple_account_set_password(account, argv[5]);
  purple_account_set_string(account, "server", argv[2]);
  purple_account_set_int(account, "port", atoi(argv[3]));
  purple_accounts_add(account);
  purple_savedstatus_activate(purple_savedstatus_new(NULL, PURPLE_STATUS_AVAILABLE));
  purple_account_set_enabled(account, UI_ID, TRUE);

  g_timeout_add_seconds(10 + hold_seconds, give_up, NULL);
  g_main_loop_run(loop);
  printf("exit %d\n", exit_code);
  fflush(stdout);
  return exit_code;
}
