/* Decision events: one JSON line per decision taken at a stop. */
#include "stops.h"

void at_event_json(at_json *j, const char *kind, const at_tracee *t, const at_event *e, const at_verdict *v) {
  at_json_start(j, kind);
  at_json_str(j, "type", e->type);
  at_json_int(j, "pid", t->tgid);
  at_json_int(j, "tid", t->tid);
  at_json_int(j, "depth", t->depth);
  at_json_str(j, "syscall", e->syscall);
  at_json_str(j, "path", e->path);
  at_json_str(j, "path2", e->path2);
  if (e->argv) at_json_strv(j, "argv", e->argv, e->argc);
  if (e->truncated) at_json_raw(j, "truncated", "true");
  at_json_str(j, "operation", e->operation);
  if (e->signal) {
    at_json_int(j, "signal", e->signal);
    at_json_int(j, "targetPid", e->target);
  }
  if (e->address) {
    at_json_str(j, "family", e->family);
    at_json_str(j, "address", e->address);
    at_json_int(j, "port", e->port);
    at_json_strv(j, "names", e->names, e->nnames);
  }
  at_json_str(j, "decision", at_decision_name(v->decision));
  at_json_str(j, "effective", at_decision_name(v->effective));
  at_json_str(j, "rule", v->rule);
  at_json_str(j, "note", e->note);
}

void at_emit(const at_tracee *t, const at_event *e, const at_verdict *v) {
  static at_json j;
  at_event_json(&j, "ev", t, e, v);
  at_json_end(&j);
  at_out_push(&j, 0);
}
