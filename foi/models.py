# FOI requests and responses arrive with their own issue; the app exists so its migrations start here.
