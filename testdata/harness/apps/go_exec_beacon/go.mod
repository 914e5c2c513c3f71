module updater

go 1.19
