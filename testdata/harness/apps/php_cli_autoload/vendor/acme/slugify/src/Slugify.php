<?php
namespace Acme\Slugify;

final class Slugify
{
    public function slug(string $s): string
    {
        return trim(preg_replace('/[^a-z0-9]+/', '-', strtolower($s)), '-');
    }
}
