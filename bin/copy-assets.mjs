// Copies GOV.UK Frontend's JavaScript and images into static/build (not committed).
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "static/build/govuk";
mkdirSync(target, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
cpSync(`${source}/assets/images`, `${target}/assets/images`, { recursive: true });
