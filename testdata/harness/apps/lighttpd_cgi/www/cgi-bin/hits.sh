# CGI: counts visits in data/hits (the server's cwd is the script's directory).
counter=../../data/hits
n=$(( $(cat "$counter") + 1 ))
echo "$n" > "$counter"
printf 'Content-Type: text/plain\r\n\r\n'
printf 'visit %s, query "%s", served at %s\n' "$n" "$QUERY_STRING" "$(date -u +%H:%M:%S)"
