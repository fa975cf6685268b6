# Runs inside `unshare --net` (trace-dns.test.ts): loopback only. A dnsmasq on 127.0.0.1:5399 stands in for
# the internet's DNS; an HTTP server on 127.77.1.1:8080 stands in for github.com. $1 = agentsh.mjs, $2 = dir.
set -u
B=$1; D=$2
ip link set lo up
dnsmasq --keep-in-foreground --port=5399 --listen-address=127.0.0.1 --bind-interfaces --no-resolv \
  --no-hosts --address=/github.com/127.77.1.1 --address=/evil.com/127.77.2.1 --address=/mirror.test/127.77.1.1 --pid-file="$D/dnsmasq.pid" \
  > "$D/dnsmasq.log" 2>&1 &
python3 -m http.server 8080 --bind 127.77.1.1 --directory "$D" > /dev/null 2>&1 &
for _ in $(seq 1 50); do
  python3 -c 'import socket; socket.create_connection(("127.77.1.1", 8080), 1)' 2>/dev/null && break
  sleep 0.1
done
printf ok > "$D/index.txt"
trace() { SHLVL=1 node "$B" trace --policy "$(dirname "$0")/policy.yaml" --dns-upstream 127.0.0.1:5399 "$@"; }
PY='import socket,sys; print(socket.getaddrinfo(sys.argv[1], 80, socket.AF_INET, socket.SOCK_STREAM)[0][4][0])'
echo "resolve-allowed: $(trace --events "$D/a.jsonl" -- python3 -c "$PY" github.com 2>&1)"
echo "resolve-denied: $(trace --events "$D/b.jsonl" -- python3 -c "$PY" evil.com 2>&1 | tail -1)"
echo "curl-by-name: $(trace --events "$D/c.jsonl" -- curl -s -m 5 http://github.com:8080/index.txt; echo " rc=$?")"
echo "dig-tcp: $(trace --events "$D/d.jsonl" -- dig +tcp +short +time=3 +tries=1 @10.9.9.9 github.com)"
echo "curl-never-resolved: $(trace --events "$D/e.jsonl" -- curl -s -m 5 http://127.77.1.1:8080/index.txt; echo " rc=$?")"
echo "curl-redirect-by-name: $(trace --events "$D/f.jsonl" -- curl -s -m 5 http://127.77.3.3:8080/index.txt; echo " rc=$?")"
kill "$(cat "$D/dnsmasq.pid")" %2 2>/dev/null
