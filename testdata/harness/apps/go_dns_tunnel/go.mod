module licensecheck

go 1.19
