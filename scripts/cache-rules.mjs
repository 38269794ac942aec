#!/usr/bin/env node
// Writes build/rules.json, the parsed rule catalogue, so that a CLI run need not parse YAML.
import { writeRulesCache } from "../build/config/builtin-rules.js";

console.log(`build/rules.json: ${writeRulesCache()} rules`);
