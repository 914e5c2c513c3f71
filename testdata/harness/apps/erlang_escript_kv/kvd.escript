#!/usr/bin/env escript
%%! -sname kvd -setcookie fake-cookie-0001 +S 1 +SDio 1 +A 1 +sbwt none +sbwtdcpu none +sbwtdio none
%% kvd: a line-protocol key/value service on 127.0.0.1:8101 (SET k v / GET k / DEL k / QUIT),
%% one Erlang process per connection, a journal under the app dir. Runs as a distributed node
%% (-sname below), so erl starts epmd. SIGTERM: the runtime's default handler calls init:stop().
main(_) ->
    {ok, J} = file:open("kvd.journal", [append]),
    Store = ets:new(store, [public, set]),
    {ok, L} = gen_tcp:listen(8101, [binary, {ip, {127,0,0,1}}, {packet, line},
                                    {active, false}, {reuseaddr, true}]),
    io:format(standard_error, "kvd: node ~p listening on 127.0.0.1:8101~n", [node()]),
    accept(L, Store, J).

accept(L, Store, J) ->
    {ok, S} = gen_tcp:accept(L),
    Pid = spawn(fun() -> receive go -> serve(S, Store, J) end end),
    ok = gen_tcp:controlling_process(S, Pid),
    Pid ! go,
    accept(L, Store, J).

serve(S, Store, J) ->
    case gen_tcp:recv(S, 0) of
        {ok, Line} ->
            case string:lexemes(string:trim(Line), " ") of
                [<<"SET">>, K, V] ->
                    ets:insert(Store, {K, V}),
                    io:format(J, "SET ~s ~s~n", [K, V]),
                    gen_tcp:send(S, <<"OK\n">>);
                [<<"GET">>, K] ->
                    case ets:lookup(Store, K) of
                        [{_, V}] -> gen_tcp:send(S, [V, "\n"]);
                        [] -> gen_tcp:send(S, <<"NIL\n">>)
                    end;
                [<<"DEL">>, K] ->
                    ets:delete(Store, K),
                    io:format(J, "DEL ~s~n", [K]),
                    gen_tcp:send(S, <<"OK\n">>);
                [<<"QUIT">>] ->
                    gen_tcp:close(S);
                _ ->
                    gen_tcp:send(S, <<"ERR unknown command\n">>)
            end,
            serve(S, Store, J);
        {error, _} ->
            gen_tcp:close(S)
    end.
