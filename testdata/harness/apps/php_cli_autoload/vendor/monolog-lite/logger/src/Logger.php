<?php
namespace MonologLite;

final class Logger
{
    private $fh;

    public function __construct(private string $channel, string $path)
    {
        $this->fh = fopen($path, 'a');
    }

    public function info(string $msg): void
    {
        fwrite($this->fh, sprintf("[%s] %s.INFO: %s\n", date('c'), $this->channel, $msg));
    }
}
