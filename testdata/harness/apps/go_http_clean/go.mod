module notesd

go 1.19
