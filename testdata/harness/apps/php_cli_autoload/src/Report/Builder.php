<?php
namespace App\Report;

use Acme\Slugify\Slugify;

final class Builder
{
    public function build(array $posts): array
    {
        $slug = new Slugify();
        $out = [];
        foreach ($posts as $p) {
            $out[$slug->slug($p['title'])] = ['title' => $p['title'], 'words' => str_word_count($p['body'])];
        }
        ksort($out);
        return $out;
    }
}
